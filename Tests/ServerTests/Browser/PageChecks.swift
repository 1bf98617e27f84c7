import Foundation

/// Checks run inside the page by the browser tests.
enum PageChecks {
    /// Controls without an accessible name (no text, `aria-label`, `aria-labelledby` or `<label>`), and state
    /// badges that show only a colour (no text): each as a short description; empty when all is well.
    static let accessibilityProblems = """
        (() => {
          const problems = [];
          for (const control of document.querySelectorAll('button, input, select, textarea, a[href]')) {
            if (control.type === 'hidden') continue;
            const labelled = (control.getAttribute('aria-label') || '').trim()
              || (control.getAttribute('aria-labelledby') || '').trim()
              || (control.id && document.querySelector('label[for="' + control.id + '"]'))
              || control.closest('label')
              || (control.tagName !== 'INPUT' && control.textContent.trim());
            if (!labelled) problems.push('unlabelled ' + control.outerHTML.slice(0, 80));
          }
          for (const state of document.querySelectorAll('.state')) {
            if (!state.textContent.trim()) problems.push('colour-only state ' + state.outerHTML.slice(0, 80));
          }
          return problems;
        })()
        """

    /// Whether the page is wider than `width` CSS pixels (a phone would scroll sideways, or zoom the page out).
    static func overflowsSideways(_ width: Int) -> String {
        "document.documentElement.scrollWidth > \(width) || (window.visualViewport && window.visualViewport.scale < 1)"
    }
}
