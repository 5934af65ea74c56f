// Embeds are not linked from other pages, so the crawl would miss them: list both languages.
export const entries = () => [{ lang: undefined }, { lang: 'ko' }];
