// Messages for the student: what backend was chosen and why, and every failure, in words.

export function showNotice(container, text, kind = 'info') {
  const el = document.createElement('div');
  el.className = `notice ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  const close = document.createElement('button');
  close.textContent = '×';
  close.title = 'dismiss';
  close.onclick = () => el.remove();
  el.append(close);
  container.append(el);
  return el;
}
