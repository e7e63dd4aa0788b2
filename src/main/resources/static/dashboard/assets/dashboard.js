// Progressive enhancement only: every action works without this file (links lead to plain pages).
document.addEventListener('click', (event) => {
  const opener = event.target.closest('[data-dialog]');
  if (opener) {
    const dialog = document.getElementById(opener.dataset.dialog);
    if (dialog && typeof dialog.showModal === 'function') {
      event.preventDefault();
      dialog.showModal();
      const first = dialog.querySelector('input:not([type=hidden]), select, button');
      if (first) first.focus();
    }
    return;
  }
  const closer = event.target.closest('[data-close]');
  if (closer && closer.closest('dialog') && closer.tagName === 'BUTTON') {
    event.preventDefault();
    closer.closest('dialog').close();
    return;
  }
  const copy = event.target.closest('[data-copy]');
  if (copy) {
    const input = document.getElementById(copy.dataset.copy);
    input.select();
    const done = () => { copy.textContent = 'Copied'; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(input.value).then(done, () => document.execCommand('copy') && done());
    } else if (document.execCommand('copy')) {
      done();
    }
  }
});

document.addEventListener('DOMContentLoaded', () => {
  // Rendered open so it shows without script; reopened as modal so focus stays in it until it is dismissed.
  for (const id of ['reveal-dialog', 'create-dialog']) {
    const dialog = document.getElementById(id);
    if (dialog && dialog.open && typeof dialog.showModal === 'function') {
      dialog.close();
      dialog.showModal();
    }
  }
});
