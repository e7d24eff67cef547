import type { FC } from "react";
import { Select, type Option } from "./select";
const id = <T,>(x: T) => x;
const ext = <T extends object>(x: T): T => x;
export const View: FC<{ xs: Option[] }> = ({ xs }) => (
  <Select<Option> options={xs} render={(o: Option) => <i>{o.label}</i>} />
);
function cast(x: unknown) { return x as string satisfies string; }
const n = value!.length! / 2;
enum Color { Red = 1, Green = Red << 1 }
abstract class Base<T> implements I<T> { private readonly x?: T; abstract m(): void; }
