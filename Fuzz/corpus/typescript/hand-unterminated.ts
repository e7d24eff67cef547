const a = 'unterminated
const b = "unterminated \
continued";
const c = `template ${ never closed
const d = /regex never closed
/* block comment never closed
