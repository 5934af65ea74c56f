// Every page is prerendered (adapter-static). Pages are folders with an index.html
// (`/decode/`, `/ko/decode/`), which every static host serves without rewrite rules;
// a request for `/decode` is redirected to `/decode/` by the host (and by `vite preview`).
export const prerender = true;
export const trailingSlash = 'always';
