// The build step that ships each page the words of its own language (scripts/i18n-per-language.ts).
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { exportNames, keepOnly, wrapper } from '../../scripts/i18n-per-language';

const table = `
const en = { hello: 'Hello', count: (n) => n + ' bytes' };
const ko = { hello: '안녕하세요', count: (n) => n + '바이트' };
export const words = defineMessages({ en, ko });
export const inline = defineMessages({ en: { title: 'Decode' }, ko: { title: '디코더' } });
export const names = { en: 'English', ko: '한국어', fr: 'Français' };
export const pair = { en: 'left' };
export function closeText(code, lang) { return lang === 'ko' ? '닫기' : 'close'; }
`;

describe('keepOnly', () => {
	it("empties the other language's side of every { en, ko } object, shorthand or not", () => {
		const ko = keepOnly(table, parseAst(table), 'ko').code;
		expect(ko).toContain('defineMessages({ en: void 0, ko })');
		expect(ko).toContain("defineMessages({ en: void 0, ko: { title: '디코더' } })");
		expect(ko).not.toContain("title: 'Decode'");
		const en = keepOnly(table, parseAst(table), 'en').code;
		expect(en).toContain('defineMessages({ en, ko: void 0 })');
		expect(en).toContain("defineMessages({ en: { title: 'Decode' }, ko: void 0 })");
		expect(en).not.toContain('디코더');
	});

	it('leaves objects that are not exactly one value per language, and code that branches on the language', () => {
		for (const lang of ['en', 'ko']) {
			const out = keepOnly(table, parseAst(table), lang).code;
			expect(out).toContain("{ en: 'English', ko: '한국어', fr: 'Français' }");
			expect(out).toContain("{ en: 'left' }");
			expect(out).toContain("lang === 'ko' ? '닫기' : 'close'");
		}
	});
});

describe('the wrapper', () => {
	it('re-exports every name the table exports, from the variant of the page language', () => {
		const names = exportNames(parseAst(table) as never, 'table.ts');
		expect(names).toEqual(['words', 'inline', 'names', 'pair', 'closeText']);
		const code = wrapper('/x/src/lib/i18n/table.ts', names);
		expect(code).toContain('import("/x/src/lib/i18n/table.ts?lang=ko")');
		expect(code).toContain('import("/x/src/lib/i18n/table.ts?lang=en")');
		expect(code).toContain('document.documentElement.lang');
		for (const n of names) expect(code).toContain(`export const ${n} = words["${n}"];`);
		expect(() => parseAst(code)).not.toThrow();
	});
});
