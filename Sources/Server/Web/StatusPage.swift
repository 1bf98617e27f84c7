/// The status page, served from the binary: one HTML document, one script and one style sheet, no CDN and no
/// front-end build. Plain DOM code is enough for a few tables and a live list, and keeps the page far under
/// 100 KiB; a framework would weigh more than the whole page.
enum StatusPage {
    /// Only the daemon's own script and style run: an injected `<script>` in a stack name would be inert anyway
    /// (the script writes text, never HTML), and this says so to the browser too.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>reconcile</title>
        <link rel="stylesheet" href="/status.css">
        <script src="/status.js" defer></script>
        </head>
        <body>
        <header>
          <h1><a href="#/">reconcile</a></h1>
          <nav aria-label="Views"><a href="#/">Overview</a> <a href="#/images">Images</a></nav>
          <span id="live" class="live" role="status">connecting…</span>
          <form id="signin" class="signin" hidden>
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
          </form>
          <span id="signedin" hidden>signed in <button id="signout" type="button">Sign out</button></span>
        </header>
        <p id="notice" role="alert" hidden></p>
        <section id="pass" aria-label="Running pass" hidden>
          <h2 id="pass-title">Pass in progress</h2>
          <ol id="steps"></ol>
        </section>
        <main id="view" aria-live="polite"><p>loading…</p></main>
        <noscript>This page needs JavaScript; the same data is at <a href="/api/status">/api/status</a>.</noscript>
        </body>
        </html>
        """#
}
