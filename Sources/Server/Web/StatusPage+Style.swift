extension StatusPage {
    /// States carry a word and a symbol as well as a colour, so nothing depends on telling colours apart.
    static let style = #"""
        :root { --fg: #1d232a; --muted: #5b6670; --line: #d9dee3; --bg: #f6f7f9; --card: #fff;
          --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --info: #0969da; --held: #8250df; }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem;
          background: #24292f; color: #fff; }
        header a { color: #fff; } header h1 { font-size: 1.15rem; margin: 0; } header h1 a { text-decoration: none; }
        nav a { margin-right: .6rem; }
        .live { font-size: .85rem; opacity: .9; margin-left: auto; }
        .signin { display: flex; gap: .4rem; align-items: center; }
        .signin input { width: 12rem; max-width: 40vw; }
        main, #pass, #notice { max-width: 1100px; margin: 1rem auto; padding: 0 1rem; }
        #notice { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem 1rem; border-radius: 6px; }
        #pass { background: var(--card); border: 1px solid var(--info); border-radius: 6px; padding: .5rem 1rem; }
        #pass h2 { font-size: 1rem; margin: .3rem 0; }
        #steps { margin: 0; padding-left: 1.4rem; font-family: ui-monospace, monospace; font-size: .85rem;
          overflow-wrap: anywhere; }
        #steps .pass-start { margin-top: .4rem; font-weight: bold; }
        .hosts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .7rem 1rem; }
        .card h2, .card h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
        .meta { color: var(--muted); font-size: .85rem; margin: 0 0 .5rem; }
        ul.stacks { list-style: none; margin: 0; padding: 0; }
        ul.stacks li { display: flex; justify-content: space-between; gap: .5rem; padding: .3rem 0;
          border-top: 1px solid var(--line); }
        .state { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .82rem; white-space: nowrap;
          border: 1px solid currentColor; }
        .state::before { margin-right: .25rem; }
        .s-in-sync, .s-applied { color: var(--ok); } .s-in-sync::before, .s-applied::before { content: "✓"; }
        .s-drifted { color: var(--warn); } .s-drifted::before { content: "≠"; }
        .s-pending { color: var(--info); } .s-pending::before { content: "◷"; }
        .s-applying { color: var(--info); background: #ddf4ff; } .s-applying::before { content: "⟳"; }
        .s-rolled-back { color: var(--bad); } .s-rolled-back::before { content: "↶"; }
        .s-failed, .s-blocked, .s-unreachable { color: var(--bad); }
        .s-failed::before, .s-blocked::before, .s-unreachable::before { content: "✗"; }
        .s-held { color: var(--held); } .s-held::before { content: "⏸"; }
        .s-reachable { color: var(--ok); } .s-reachable::before { content: "●"; }
        table { width: 100%; border-collapse: collapse; background: var(--card); font-size: .9rem; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top;
          overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; }
        pre { background: #f0f2f4; padding: .5rem; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; }
        details { background: var(--card); border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0;
          padding: .4rem .8rem; }
        summary { cursor: pointer; }
        button { font: inherit; padding: .25rem .7rem; border-radius: 6px; border: 1px solid #8c959f;
          background: #f6f8fa; cursor: pointer; }
        .error { color: var(--bad); }
        code { overflow-wrap: anywhere; }
        @media (max-width: 600px) {
          body { font-size: 14px; } .live { margin-left: 0; width: 100%; }
          th:nth-child(n+4), td:nth-child(n+4) { display: none; }
        }
        """#
}
