// The harness's own lines on standard output.

export function log(message: string): void {
  console.log(`bench: ${message}`);
}

export function mebibytes(bytes: number | undefined): string {
  return `${((bytes ?? 0) / 1024 / 1024).toFixed(0)} MiB`;
}
