import "./side-effect";
import Default, { A, B as C, type D, "str" as E } from "../models";
import * as NS from 'ns';
import type { T } from "types";
import type Def from "td";
import type, { from } from "weird";
import json from "./data.json" with { type: "json" };
import legacy from "./legacy" assert { type: "json" };
import X = require("x-module");
export * from "re";
export * as ns2 from "re2";
export { A as default, B } from "re3";
export type { T2 } from "re4";
export { local };
const fs = require("fs");
const { readFile, writeFile: wf, ...rest } = require("fs/promises");
const sub = require("pkg").Sub;
let lazy = await import("./lazy");
const mod = await import(`./tpl`);
require("side")("en");
x.require("not-an-import");
import.meta.url;
function require(x) {}
class K { import() {} require(x) { return x; } }
const dyn = import(name);
