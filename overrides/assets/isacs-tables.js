// On phones isacs.css shows each row of a wide table as a card of "column: value" cells; this gives every
// data cell its column's name (data-label) from the header row. The self-assessment draws its summary
// table after load and redraws it on each answer: tables added later are labelled as they appear.
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    var names = Array.prototype.map.call(head.cells, function (cell) { return cell.textContent.trim(); });
    each(table.tBodies, function (body) {
      each(body.rows, function (row) {
        each(row.cells, function (cell, i) {
          if (cell.tagName === "TD" && names[i]) cell.setAttribute("data-label", names[i]);
        });
      });
    });
  }

  function labelWithin(node) {
    if (node.nodeType !== 1) return;
    if (node.tagName === "TABLE") label(node);
    else each(node.querySelectorAll("table"), label);
  }

  var content = document.querySelector(".md-content");
  if (!content) return;
  labelWithin(content);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      each(record.addedNodes, labelWithin);
      var table = record.target.closest && record.target.closest("table");
      if (table) label(table);
    });
  }).observe(content, { childList: true, subtree: true });
})();
