// Small DOM helpers. Text is always set with textContent: a body is shown as the characters typed.

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'hidden') node.hidden = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function show(screenId) {
  for (const screen of document.querySelectorAll('.screen')) {
    screen.hidden = screen.id !== screenId;
  }
}

export function notify(message, kind = 'error') {
  const box = $('notice');
  box.textContent = message;
  box.className = kind === 'error' ? 'notice' : 'notice info';
  box.hidden = !message;
}

export function formatTime(iso) {
  const date = new Date(iso);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function formatDate(iso) {
  const date = new Date(iso);
  return date.toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
