"""Everything that talks to Playwright: sessions, the page driver, acting, finding targets, its errors."""
