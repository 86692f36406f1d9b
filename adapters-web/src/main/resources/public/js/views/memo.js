// A component that renders again only when one of its props is a different value (as preact/compat's
// memo, without pulling compat in): a long transcript re-renders only the messages a sync touched.
import { h } from '../../vendor/htm-preact.js';

function propsChanged(next) {
  const previous = this.props;
  for (const key in next) if (next[key] !== previous[key]) return true;
  for (const key in previous) if (!(key in next)) return true;
  return false;
}

export function memo(component) {
  function Memo(props) {
    this.shouldComponentUpdate = propsChanged;
    return h(component, props);
  }
  Memo.displayName = `Memo(${component.name})`;
  return Memo;
}
