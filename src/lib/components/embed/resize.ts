/**
 * Embeds that fit: an embed page tells the page around it how tall its content is, and the
 * "copy embed code" snippet carries a few lines of script that set the iframe to that height.
 * Without the script (a host that strips scripts) the iframe keeps the snippet's height attribute,
 * a sensible default per diagram (EMBED_HEIGHT).
 *
 * The message, sent to the parent with postMessage whenever the content's height changes:
 *
 *   { type: 'frame-by-frame:height', height: 612 }     // CSS pixels, a whole number
 *
 * Any host can listen for it; the snippet's script only believes a message from the window of one
 * of the page's iframes, from the origin that iframe was loaded from.
 */
export const HEIGHT_MESSAGE = 'frame-by-frame:height';

export interface HeightMessage {
	readonly type: typeof HEIGHT_MESSAGE;
	readonly height: number;
}

/** Report `root`'s height to the parent page now and whenever it changes; returns the stop function. */
export function reportHeight(root: HTMLElement): () => void {
	if (window.parent === window) return () => {};
	let last = -1;
	const send = () => {
		// The bottom of the content, in document coordinates: the body's min-height (the viewport)
		// must not count, or an iframe could never shrink.
		const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY);
		if (height === last) return;
		last = height;
		const message: HeightMessage = { type: HEIGHT_MESSAGE, height };
		window.parent.postMessage(message, '*');
	};
	const observer = new ResizeObserver(send);
	observer.observe(root);
	send();
	return () => observer.disconnect();
}

/**
 * The host page's part, pasted with the iframe: resizes the iframe a height message came from.
 * Written once per page however many embeds it holds (the flag), in plain old JavaScript for any
 * host page.
 */
export const HOST_SCRIPT =
	`<script>if(!window.fbfHeights){window.fbfHeights=1;addEventListener("message",function(e){` +
	`var d=e.data;if(!d||d.type!=="${HEIGHT_MESSAGE}"||!(d.height>0))return;` +
	`var f=document.getElementsByTagName("iframe");for(var i=0;i<f.length;i++){` +
	`if(f[i].contentWindow===e.source&&new URL(f[i].src,location.href).origin===e.origin)` +
	`f[i].style.height=Math.min(d.height,20000)+"px"}})}</script>`;
