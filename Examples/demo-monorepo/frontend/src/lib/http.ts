// The fetch wrapper: it sets the cache policy, so it may call fetch directly.
export function http(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { cache: "no-store", ...init });
}
