import { isLang, type Lang } from '$lib/i18n/lang';

// `[[lang=lang]]`: an optional first segment naming the language. English pages are linked
// unprefixed; `/en/...` still matches so a hand-typed URL works in dev.
export function match(param: string): param is Lang {
	return isLang(param);
}
