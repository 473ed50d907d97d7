// The reading view's only script (the pages work without it): when the address names a quote
// (#q-<n>), move the keyboard focus there as well as the scroll position.
/* global location, document, window */
'use strict'
function focusTarget() {
  var id = decodeURIComponent(location.hash.slice(1))
  if (!/^q-\d+$/.test(id)) return
  var el = document.getElementById(id)
  if (el) el.focus({ preventScroll: false })
}
window.addEventListener('hashchange', focusTarget)
document.addEventListener('DOMContentLoaded', focusTarget)
