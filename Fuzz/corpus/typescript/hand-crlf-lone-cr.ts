const a = 1;
const b = "x\
y";
// comment
const c = `l1
l2`;const d = 2;let e = a + b ;
