/* learnhub offline bundle: a Worker for pages opened from file://, where Chromium refuses real ones.
 *
 * The theme's search runs in a Web Worker; a page opened from file:// may not start one. This shim
 * (after the idea of the MIT-licensed npm package `iframe-worker`) runs the worker's script in a
 * hidden same-origin iframe instead. Unlike that package, it writes no inline script into the
 * frame (the content-security policy allows none without its hash, and the worker's address
 * depends on where the bundle was unzipped): the frame's globals are set from here and the
 * script is loaded by URL, which the policy's 'self' allows.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function FileWorker(url) {
    var target = new EventTarget();
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    document.body.appendChild(frame);
    var inner = frame.contentWindow;
    var worker = this;
    this.onmessage = null;
    this.onerror = null;

    /* What the worker's script calls: postMessage goes to this object's listeners. */
    inner.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof worker.onmessage === "function") worker.onmessage(event);
    };
    inner.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () { return load(src); });
      }, Promise.resolve());
    };

    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = inner.document.createElement("script");
        script.src = String(src);
        script.onload = resolve;
        script.onerror = reject;
        inner.document.body.appendChild(script);
      });
    }

    this._ready = load(url).catch(function (error) {
      var event = new ErrorEvent("error", { message: "worker script did not load", error: error });
      target.dispatchEvent(event);
      if (typeof worker.onerror === "function") worker.onerror(event);
    });
    this._frame = frame;
    this._target = target;
  }

  FileWorker.prototype.postMessage = function (data) {
    var frame = this._frame;
    this._ready.then(function () {
      if (frame.contentWindow) {
        frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      }
    });
  };
  FileWorker.prototype.terminate = function () { this._frame.remove(); };
  FileWorker.prototype.addEventListener = function (type, listener, options) {
    this._target.addEventListener(type, listener, options);
  };
  FileWorker.prototype.removeEventListener = function (type, listener, options) {
    this._target.removeEventListener(type, listener, options);
  };
  FileWorker.prototype.dispatchEvent = function (event) { return this._target.dispatchEvent(event); };

  window.Worker = FileWorker;
})();
