import { describe, expect, it } from 'vitest';
import { agendaHtml, bodyKeepingTeamsBlock } from './graph-body.js';

const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%221%22%7d';
const LINE = '_'.repeat(80);
const block = `<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">${LINE}</span></div><div class="me-email-text"><a href="${JOIN}">Anslut till mötet nu</a></div><div style="width:100%"><span>${LINE}</span></div>`;
const doc = (inner: string) => `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head><body>${inner}</body></html>`;

describe('the agenda as the event body', () => {
  it('is escaped text with its line breaks, and the link leadership gave', () => {
    expect(agendaHtml({ agenda: '<script>alert(1)</script>\r\nPunkt 2 & 3', onlineUrl: 'https://mdu.se/möte?a=1&b="2"' })).toBe(
      '<div>&lt;script&gt;alert(1)&lt;/script&gt;<br>Punkt 2 &amp; 3</div><p><a href="https://mdu.se/möte?a=1&amp;b=&quot;2&quot;">https://mdu.se/möte?a=1&amp;b=&quot;2&quot;</a></p>',
    );
    expect(agendaHtml({ agenda: '   ' })).toBe('');
  });
});

describe('rewriting the agenda of a Teams meeting', () => {
  it('keeps Exchange’s Teams block and the document around it, replacing only the agenda', () => {
    const live = doc(`<div>Gammal dagordning</div><div><br></div>${block}`);
    const next = bodyKeepingTeamsBlock({ liveHtml: live, newAgendaHtml: '<div>Ny</div>', joinUrl: JOIN });
    expect(next).toBe(doc(`<div>Ny</div>${block}`));
  });
  it('is not fooled by a line of underscores in the agenda', () => {
    const live = doc(`<div>Del 1<br>${LINE}<br>Del 2</div>${block}`);
    expect(bodyKeepingTeamsBlock({ liveHtml: live, newAgendaHtml: '<div>Ny</div>', joinUrl: JOIN })).toBe(doc(`<div>Ny</div>${block}`));
  });
  it('leaves the body alone when the join link is there but the block cannot be told apart (the meeting stays joinable)', () => {
    expect(bodyKeepingTeamsBlock({ liveHtml: doc(`<div>Agenda <a href="${JOIN}">Anslut</a></div>`), newAgendaHtml: '<div>Ny</div>', joinUrl: JOIN })).toBeNull();
  });
  it('replaces a body without a Teams link outright', () => {
    expect(bodyKeepingTeamsBlock({ liveHtml: doc('<div>Gammal</div>'), newAgendaHtml: '<div>Ny</div>', joinUrl: undefined })).toBe('<div>Ny</div>');
  });
});
