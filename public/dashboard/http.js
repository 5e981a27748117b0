// The dashboard's requests: what goes wrong on the way reads in Chinese, as the rest of the page.

/**
 * A request to the server; what goes wrong on the way reads in Chinese, as the rest of the page
 * (the browser's own words, "Failed to fetch", are not shown). The server's refusals come in the
 * language the browser asks for (its own Accept-Language: the page sets none).
 */
export async function ask(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    throw new Error('连不上服务器，请检查网络后再试。');
  }
}

/** The JSON of an answer, or a Chinese line saying the server answered something else. */
export async function jsonOf(response) {
  try {
    return await response.json();
  } catch {
    throw new Error(`服务器没有正常回答（HTTP ${response.status}），请稍后再试。`);
  }
}

/** A file the server sends for a bearer token (a CSV), saved under the name it gives. */
export async function download(path, token) {
  const response = await ask(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const said = (await jsonOf(response)).error?.message;
    throw new Error(said ?? `服务器没有正常回答（HTTP ${response.status}），请稍后再试。`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name ?? 'lingong.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
