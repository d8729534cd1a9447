// Package browsertest holds the site's tests in a real browser: Debian's
// Chromium, driven headless over the DevTools protocol (chromedp, which no
// other package imports). It has no code of its own: the tests publish the
// bundled reports, serve the site on loopback, open every page and compare
// what the pages show with what the store answers for the same graph.
package browsertest
