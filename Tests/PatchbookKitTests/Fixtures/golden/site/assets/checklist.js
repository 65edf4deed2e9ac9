/* patchbook: the ticks of a checklist are kept in this browser (localStorage), by page and step,
   so a reload or a closed tab loses none. Without script or storage the boxes still tick, and
   are not kept. Written for old browsers too: the servers' own may be all there is. */
(function () {
  var store = null;
  try {
    store = window.localStorage;
    store.getItem('patchbook');
  } catch (e) {
    store = null;
  }
  if (!store || !document.querySelectorAll) return;
  // In document order: each step's heading link, then the boxes under it.
  var nodes = document.querySelectorAll('a.anchor, li.task input[type="checkbox"]');
  var prefix = 'patchbook:' + location.pathname + '#';
  var step = '';
  var count = 0;
  var boxes = [];
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    if (node.tagName === 'A') {
      step = node.id;
      count = 0;
      continue;
    }
    count += 1;
    node.setAttribute('data-key', prefix + step + ':' + count);
    boxes.push(node);
  }
  if (!boxes.length) return;
  function save(box) {
    var key = box.getAttribute('data-key');
    if (box.checked) store.setItem(key, '1'); else store.removeItem(key);
  }
  for (var j = 0; j < boxes.length; j++) {
    boxes[j].checked = store.getItem(boxes[j].getAttribute('data-key')) === '1';
    boxes[j].onchange = function () { save(this); };
  }
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'clear-ticks';
  button.appendChild(document.createTextNode('Clear the ticks of this page'));
  button.onclick = function () {
    if (!window.confirm('Clear every tick of this page in this browser?')) return;
    for (var k = 0; k < boxes.length; k++) {
      boxes[k].checked = false;
      save(boxes[k]);
    }
  };
  var main = document.getElementsByTagName('main')[0];
  if (main) main.insertBefore(button, main.firstChild);
})();
