import React from "react";
export function App({ items, onPick }) {
  const label = <span className="label">{items.length} items</span>;
  return (
    <>
      <Header title="Week &amp; day" data-id='x' {...props} />
      <ul>
        {items.map((item) => (
          <li key={item.id} onClick={() => onPick(item)}>
            {item.name} / {item.when > 2 ? <b>late</b> : "early"}
          </li>
        ))}
      </ul>
      <p>
        text with 'quotes' and "double" and a / slash {/* comment */}
      </p>
      <a.b.c x:y="ns" multi="line
attr">{`tpl ${label}`}</a.b.c>
      < div >spaced</ div >
    </>
  );
}
const x = a < b ? c > d : <e/>;
