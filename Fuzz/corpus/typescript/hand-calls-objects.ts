const options = { cache: "no-store", next: { revalidate: 60 } };
fetch("/api/a", options);
window.fetch<Response>(url, { method: "POST", ...extra, ["headers"]: h, [key]: v, "quoted": 1, 2: two });
api?.client.fetch(`/x/${id}`, { cache: 'force-cache' });
const obj = {
  a: 1, b, "c": 2, 'd\u0065': 3, 4: 5, ["e"]: 6, [`f`]: 7, [g]: 8,
  h() {}, async i() {}, *j() {}, get k() { return 1; }, set l(v) {}, ...m, get: 1, set: 2, async: 3,
  n = 2, o?: 3, p!: 4, <T>q() {},
};
obj.extra = 1;
obj["other"] = 2;
Object.assign(obj, { more: true });
let later;
later = { x: 1 };
function handler(req: Request, { a, b: [c, d] }: Opts, ...rest: any[]): Promise<void> {}
const arrow = (x, y = 1) => x + y;
const typed = async (url: string, init?: RequestInit): Promise<Response> => fetch(url, init);
interface Api { fetch(url: string): Promise<Response>; get<T>(u: string): T; }
class Client { fetch(url) { return url; } static create(): Client { return new Client(); } }
if (fetch(a) < b || c > d) {}
for (const [k, v] of Object.entries(obj)) {}
let x: Map<string, Array<number>> = new Map(), y = fetch(z) as Promise<R>;
var cfg = { a: 1 } satisfies Cfg;
