const a = `plain`;
const b = `one ${x} two ${y + `inner ${z} ${`deeper ${w}`}`} three`;
const c = `${{ key: `v${1}` }.key}${`}`}\${not} \` ${'}'} ${"${"}`;
const d = tag`raw\u{41}${a}\n`;
const e = `multi
line ${ fn(() => { return `x${y}`; }) }
end`;
const f = `${a}/${b}` / 2;
const g = `${ /re}/g.test(x) }`;
const h = `${`${`${`${q}`}`}`}`;
