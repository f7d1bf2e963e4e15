/* A minimal XLSX writer for the pages' exports (the requirement finder): window.isacsXlsx(sheetName, header,
 * rows, rtl, widths) returns the parts of a workbook Blob. A store-only (uncompressed) ZIP of the parts a
 * workbook needs, one sheet of inline strings (no shared-string table), the header row bold and frozen,
 * text cells wrapped. Inline strings are never read as formulas, so no cell needs the CSV's leading '.
 *
 * Every row gets an explicit height that fits its wrapped text, estimated as the checklists' workbooks do
 * (isacs.checklists.xlsx.row_height): LibreOffice shows and prints a row one line high when a file gives
 * none, cutting the requirement after a few words. No third-party code. */
(function () {
  "use strict";

  // The estimate of isacs/checklists/xlsx.py, character for character: widths in digits of Calibri 11.
  var LINE = 15, TALL_LINE = 18, PADDING = 4, CELL_PADDING = 1, WIDE = 2.2, BOLD = 1.1, MAX = 409;
  var MARK = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
  // East Asian Wide and Fullwidth (Unicode 15 ranges that matter here: CJK, kana, Hangul, full-width forms)
  var WIDE_CHAR = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
  var TALL_CHAR = /[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefe]/;

  function charWidth(ch) { return MARK.test(ch) ? 0 : WIDE_CHAR.test(ch) ? 2 : 1; }

  function units(text) {
    var sum = 0;
    for (var ch of text) { var w = charWidth(ch); sum += w === 2 ? WIDE : w; }
    return sum;
  }

  // A space-free word as the pieces a line may break between: each wide character alone, other runs whole.
  function pieces(word) {
    var out = [];
    for (var ch of word) {
      var last = out.length ? Array.from(out[out.length - 1]).pop() : null;
      if (charWidth(ch) === 2 || last === null || charWidth(last) === 2) { out.push(ch); } else { out[out.length - 1] += ch; }
    }
    return out;
  }

  function wrappedLines(text, width, scale) {
    var capacity = Math.max(width - CELL_PADDING, 1) / scale, lines = 0;
    text.split("\n").forEach(function (paragraph) {
      lines += 1;
      var used = 0;
      paragraph.split(/\s+/).filter(Boolean).forEach(function (word) {
        pieces(word).forEach(function (piece, index) {
          var size = units(piece), space = index === 0 && used ? 1 : 0;
          if (used + space + size <= capacity) { used += space + size; return; }
          if (used) { lines += 1; }
          while (size > capacity) { lines += 1; size -= capacity; }
          used = size;
        });
      });
    });
    return lines;
  }

  function rowHeight(values, widths, bold) {
    var scale = bold ? BOLD : 1, lines = 1, tall = false;
    values.forEach(function (value, c) {
      if (value === "" || value === null || value === undefined) { return; }
      var text = String(value);
      lines = Math.max(lines, wrappedLines(text, widths[c], scale));
      tall = tall || Array.from(text).some(function (ch) { return charWidth(ch) === 2 || TALL_CHAR.test(ch); });
    });
    return Math.min(MAX, Math.round((lines * (tall ? TALL_LINE : LINE) + PADDING) * 4) / 4);
  }

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) { c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8); }
    return (c ^ 0xffffffff) >>> 0;
  }

  /* ZIP (APPNOTE 6.3): per file a local header and its bytes, then the central directory and its end record.
   * Method 0 (stored), a fixed date (1980-01-01: the same rows give the same bytes), UTF-8 names (flag 11). */
  function zip(files) {
    var utf8 = new TextEncoder(), parts = [], directory = [], offset = 0, DOS_DATE = (1 << 5) | 1;
    files.forEach(function (file) {
      var name = utf8.encode(file.name), data = utf8.encode(file.text), crc = crc32(data);
      var local = new DataView(new ArrayBuffer(30)), entry = new DataView(new ArrayBuffer(46));
      [[0, 4, 0x04034b50], [4, 2, 20], [6, 2, 0x0800], [8, 2, 0], [10, 2, 0], [12, 2, DOS_DATE], [14, 4, crc],
        [18, 4, data.length], [22, 4, data.length], [26, 2, name.length], [28, 2, 0]].forEach(function (f) {
        local[f[1] === 4 ? "setUint32" : "setUint16"](f[0], f[2], true);
      });
      [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [8, 2, 0x0800], [10, 2, 0], [12, 2, 0], [14, 2, DOS_DATE],
        [16, 4, crc], [20, 4, data.length], [24, 4, data.length], [28, 2, name.length], [30, 2, 0], [32, 2, 0],
        [34, 2, 0], [36, 2, 0], [38, 4, 0], [42, 4, offset]].forEach(function (f) {
        entry[f[1] === 4 ? "setUint32" : "setUint16"](f[0], f[2], true);
      });
      parts.push(local, name, data);
      directory.push(entry, name);
      offset += 30 + name.length + data.length;
    });
    var size = directory.reduce(function (n, part) { return n + part.byteLength; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    [[0, 4, 0x06054b50], [4, 2, 0], [6, 2, 0], [8, 2, files.length], [10, 2, files.length], [12, 4, size],
      [16, 4, offset], [20, 2, 0]].forEach(function (f) {
      end[f[1] === 4 ? "setUint32" : "setUint16"](f[0], f[2], true);
    });
    return parts.concat(directory, [end]);
  }

  function xml(text) {
    // characters XML 1.0 cannot hold are dropped; & < > escaped (quotes need no escape in element text)
    return String(text).replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udfff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function columnName(index) {
    var name = "";
    for (index += 1; index > 0; index = Math.floor((index - 1) / 26)) {
      name = String.fromCharCode(65 + ((index - 1) % 26)) + name;
    }
    return name;
  }

  var NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  var PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
  var HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  function xlsx(sheetName, header, rows, rtl, widths) {
    var sheetRows = [header].concat(rows).map(function (values, r) {
      return '<row r="' + (r + 1) + '" ht="' + rowHeight(values, widths, r === 0) + '" customHeight="1">' +
        values.map(function (value, c) {
        var ref = columnName(c) + (r + 1), style = r === 0 ? 1 : 2;
        if (typeof value === "number") { return '<c r="' + ref + '" s="' + style + '"><v>' + value + "</v></c>"; }
        if (value === "") { return ""; }
        return '<c r="' + ref + '" s="' + style + '" t="inlineStr"><is><t xml:space="preserve">' + xml(value) +
          "</t></is></c>";
      }).join("") + "</row>";
    }).join("");
    var cols = widths.map(function (width, c) {
      return '<col min="' + (c + 1) + '" max="' + (c + 1) + '" width="' + width + '" customWidth="1"/>';
    }).join("");
    var sheet = HEAD + "<worksheet " + NS + '><sheetViews><sheetView workbookViewId="0"' +
      (rtl ? ' rightToLeft="1"' : "") + '><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      "</sheetView></sheetViews><cols>" + cols + "</cols><sheetData>" + sheetRows + "</sheetData></worksheet>";
    // styles: 0 default, 1 header (bold, wrapped), 2 body (wrapped, top-aligned); Excel needs both default fills
    var styles = HEAD + "<styleSheet " + NS + '><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>' +
      '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>' +
      '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" ' +
      'borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment ' +
      'wrapText="1" vertical="top"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" ' +
      'applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle ' +
      'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
    var type = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    return zip([
      { name: "[Content_Types].xml", text: HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/' +
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="' +
        type + 'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="' + type +
        'worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="' + type + 'styles+xml"/></Types>' },
      { name: "_rels/.rels", text: HEAD + '<Relationships xmlns="' + PKG + '"><Relationship Id="rId1" Type="' + REL +
        '/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: "xl/workbook.xml", text: HEAD + "<workbook " + NS + ' xmlns:r="' + REL + '"><sheets><sheet name="' +
        xml(sheetName).replace(/"/g, "&quot;") + '" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: "xl/_rels/workbook.xml.rels", text: HEAD + '<Relationships xmlns="' + PKG + '"><Relationship Id="rId1" ' +
        'Type="' + REL + '/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="' + REL +
        '/styles" Target="styles.xml"/></Relationships>' },
      { name: "xl/styles.xml", text: styles },
      { name: "xl/worksheets/sheet1.xml", text: sheet }
    ]);
  }

  window.isacsXlsx = xlsx;
})();
