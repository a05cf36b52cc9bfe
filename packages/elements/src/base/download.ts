// Hands text to the browser as a file to save, from inside a shadow root.

/**
 * Offers `text` as a download named `fileName`. The link is put in `root` (hidden) for the click,
 * since some browsers ignore a click on a link that is not in a document.
 */
export function downloadText(root: Node, text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
