// The provisioning console: plain ES5 and XMLHttpRequest, so HtmlUnit runs it as Chromium does.
// The admin token lives in sessionStorage and travels only in the Authorization header.
(function () {
    'use strict';
    var TOKEN_KEY = 'dialtone.adminToken';
    var API = '/admin/v1/provisioning';
    var EVENTS = '/console/v1/events';
    var token = null;
    var lastEventId = null;
    var generation = 0; // a new connection makes the old one's callbacks stop

    function $(id) {
        return document.getElementById(id);
    }

    function show(element, visible) {
        element.className = element.className.replace(/\s*\bhidden\b/g, '') + (visible ? '' : ' hidden');
    }

    function call(method, path, body, contentType, done) {
        var xhr = new XMLHttpRequest();
        xhr.open(method, path, true);
        xhr.setRequestHeader('Authorization', 'Bearer ' + token);
        if (body !== null) {
            xhr.setRequestHeader('Content-Type', contentType);
        }
        xhr.onreadystatechange = function () {
            if (xhr.readyState !== 4) {
                return;
            }
            var json = null;
            try {
                json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
            } catch (e) {
                json = null;
            }
            if (xhr.status === 401) {
                signOut('The admin token was refused: ' + reason(xhr, json));
                return;
            }
            done(xhr.status, json, xhr);
        };
        xhr.send(body);
    }

    function postJson(path, value, done) {
        call('POST', path, value === null ? '' : JSON.stringify(value), 'application/json', done);
    }

    function reason(xhr, json) {
        return json && json.message ? json.message : 'HTTP ' + xhr.status;
    }

    function say(kind, text, lines) {
        var message = $('message');
        message.textContent = text;
        message.className = kind;
        var results = $('results');
        while (results.firstChild) {
            results.removeChild(results.firstChild);
        }
        for (var i = 0; lines && i < lines.length; i++) {
            results.appendChild(lines[i]);
        }
    }

    function item(text, cls, mac) {
        var li = document.createElement('li');
        if (cls) {
            li.className = cls;
        }
        if (mac) {
            li.setAttribute('data-mac', mac);
        }
        li.textContent = text;
        return li;
    }

    function failed(what) {
        return function (status, json, xhr) {
            say('error', what + ' failed: ' + reason(xhr, json));
        };
    }

    function time(iso) {
        return iso ? iso.replace('T', ' ').replace(/(:\d\d)?(\.\d+)?Z$/, ' UTC') : '';
    }

    function compact(mac) {
        return mac.replace(/[:-]/g, '');
    }

    // ------------------------------------------------------------------ token

    function signIn(newToken) {
        token = newToken;
        sessionStorage.setItem(TOKEN_KEY, token);
        $('tokenError').textContent = '';
        show($('tokenPanel'), false);
        show($('forgetToken'), true);
        connect();
    }

    function signOut(why) {
        generation++;
        token = null;
        lastEventId = null;
        sessionStorage.removeItem(TOKEN_KEY);
        show($('console'), false);
        show($('forgetToken'), false);
        show($('tokenPanel'), true);
        $('organization').textContent = '';
        $('tokenError').textContent = why || '';
    }

    // ------------------------------------------------------------------ live updates (SSE)

    // a real EventSource; HtmlUnit has only a stub without close()
    var streaming = typeof EventSource === 'function' && 'close' in EventSource.prototype;

    function connect() {
        generation++;
        if (streaming) {
            live(false);
            streamWithEventSource(generation);
        } else {
            live(false, 'this browser has no EventSource; reload to see changes made elsewhere');
            refresh();
        }
    }

    function streamWithEventSource(mine) {
        postJson('/console/v1/tickets', null, function (status, json, xhr) {
            if (mine !== generation) {
                return;
            }
            if (status !== 200) {
                live(false, reason(xhr, json));
                return;
            }
            var url = EVENTS + '?ticket=' + encodeURIComponent(json.ticket)
                + (lastEventId ? '&lastEventId=' + encodeURIComponent(lastEventId) : '');
            var source = new EventSource(url);
            source.addEventListener('records', function (event) {
                if (mine !== generation) {
                    source.close();
                    return;
                }
                live(true);
                received(event.lastEventId, event.data);
            });
            source.onerror = function () {
                // tickets are single use, so EventSource's own retry would be refused: start over
                source.close();
                if (mine === generation) {
                    live(false);
                    setTimeout(function () {
                        if (mine === generation) {
                            connect();
                        }
                    }, 1000);
                }
            };
        });
    }

    /** Without a stream: the current snapshot, after loading and after each action of this page. */
    function refresh() {
        if (streaming) {
            return;
        }
        var mine = generation;
        var xhr = new XMLHttpRequest();
        xhr.open('GET', EVENTS + '?once=true', true);
        xhr.setRequestHeader('Authorization', 'Bearer ' + token);
        xhr.setRequestHeader('Accept', 'text/event-stream');
        xhr.onreadystatechange = function () {
            if (xhr.readyState !== 4 || mine !== generation) {
                return;
            }
            if (xhr.status === 401) {
                signOut('The admin token was refused.');
                return;
            }
            var events = parseEvents(xhr.responseText);
            for (var i = 0; i < events.length; i++) {
                if (events[i].event === 'records') {
                    received(events[i].id, events[i].data);
                }
            }
        };
        xhr.send();
    }

    /** The text/event-stream format: blocks separated by a blank line; comment lines start with a colon. */
    function parseEvents(text) {
        var events = [];
        var blocks = text.split(/\r?\n\r?\n/);
        for (var b = 0; b < blocks.length; b++) {
            var lines = blocks[b].split(/\r?\n/);
            var event = {event: 'message', data: null, id: null};
            for (var l = 0; l < lines.length; l++) {
                var line = lines[l];
                var colon = line.indexOf(':');
                if (line === '' || colon === 0) {
                    continue;
                }
                var field = colon < 0 ? line : line.substring(0, colon);
                var value = colon < 0 ? '' : line.substring(colon + 1).replace(/^ /, '');
                if (field === 'data') {
                    event.data = event.data === null ? value : event.data + '\n' + value;
                } else if (field === 'event' || field === 'id') {
                    event[field] = value;
                }
            }
            if (event.data !== null) {
                events.push(event);
            }
        }
        return events;
    }

    function received(id, data) {
        lastEventId = id;
        render(JSON.parse(data));
    }

    function live(on, why) {
        var badge = $('live');
        badge.className = on ? 'online' : 'offline';
        badge.textContent = on ? 'live' : why ? 'not live: ' + why : 'connecting…';
    }

    // ------------------------------------------------------------------ rendering

    function render(snapshot) {
        show($('console'), true);
        $('organization').textContent = snapshot.organizationName;
        $('addedCount').textContent = snapshot.summary.addedMacAddresses;
        $('waitingOnActivationCount').textContent = snapshot.summary.waitingOnActivation;
        $('waitingForSignInCount').textContent = snapshot.summary.waitingForSignIn;
        fill('waitingOnActivation', snapshot.waitingOnActivation, activationRow);
        fill('waitingForSignIn', snapshot.waitingForSignIn, signInRow);
    }

    function fill(tab, records, rowOf) {
        var body = $(tab).getElementsByTagName('tbody')[0];
        while (body.firstChild) {
            body.removeChild(body.firstChild);
        }
        for (var i = 0; i < records.length; i++) {
            body.appendChild(rowOf(records[i]));
        }
        $('tab-' + tab).getElementsByTagName('span')[0].textContent = records.length;
    }

    function row(record) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-mac', record.macAddress);
        cell(tr, record.macAddress, 'mac');
        cell(tr, record.location, 'location');
        return tr;
    }

    function cell(tr, text, cls) {
        var td = document.createElement('td');
        td.className = cls;
        td.textContent = text;
        tr.appendChild(td);
        return td;
    }

    function button(parent, text, cls, onClick) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = cls;
        b.textContent = text;
        b.onclick = onClick;
        parent.appendChild(b);
        return b;
    }

    function activationRow(record) {
        var tr = row(record);
        cell(tr, record.verificationCodeExpiresDateTime ? time(record.verificationCodeExpiresDateTime) : 'no code yet',
            'codeExpires');
        var actions = cell(tr, '', 'actions');
        button(actions, 'Generate verification code', 'generateCode', function () {
            generateCode(record.macAddress);
        });
        button(actions, 'Delete', 'delete', function () {
            remove(record.macAddress);
        });
        return tr;
    }

    function signInRow(record) {
        var tr = row(record);
        var status = cell(tr, '', 'status');
        button(status, 'Signed Out', 'signIn link', function () {
            remoteSignIn(record.macAddress);
        });
        button(cell(tr, '', 'actions'), 'Delete', 'delete', function () {
            remove(record.macAddress);
        });
        return tr;
    }

    function selectTab(tab) {
        var tabs = ['waitingOnActivation', 'waitingForSignIn'];
        for (var i = 0; i < tabs.length; i++) {
            var selected = tabs[i] === tab;
            show($(tabs[i]), selected);
            $('tab-' + tabs[i]).className = 'tab' + (selected ? ' selected' : '');
        }
    }

    // ------------------------------------------------------------------ actions

    function added(what) {
        return function (status, json, xhr) {
            if (status !== 200) {
                failed(what)(status, json, xhr);
                return;
            }
            var lines = [];
            for (var i = 0; i < json.added.length; i++) {
                lines.push(item('Added ' + json.added[i].macAddress, 'added', json.added[i].macAddress));
            }
            for (var j = 0; j < json.rejected.length; j++) {
                var r = json.rejected[j];
                lines.push(item('Row ' + r.row + (r.macAddress ? ' (' + r.macAddress + ')' : '') + ': ' + r.reason,
                    'rejected'));
            }
            refresh();
            say(json.rejected.length ? 'error' : 'ok', what + ': ' + json.added.length + ' added, '
                + json.rejected.length + ' rejected', lines);
        };
    }

    function addMac() {
        postJson(API + '/devices', [{macAddress: $('macAddress').value, location: $('location').value}],
            function (status, json, xhr) {
                added('Add MAC address')(status, json, xhr);
                if (status === 200 && json.added.length) {
                    $('macAddress').value = '';
                    $('location').value = '';
                }
            });
    }

    function upload() {
        var file = $('csvFile').files[0];
        if (!file) {
            say('error', 'Choose a CSV file first (see Template_Provisioning.csv).');
            return;
        }
        var reader = new FileReader();
        reader.onload = function () {
            call('POST', API + '/devices/upload', reader.result, 'text/csv', added('Upload ' + file.name));
        };
        reader.onerror = function () {
            say('error', 'Could not read ' + file.name);
        };
        reader.readAsText(file);
    }

    function codeLine(issued) {
        var li = item('', 'issuedCode', issued.macAddress);
        li.appendChild(document.createTextNode(issued.macAddress + ': '));
        var code = document.createElement('span');
        code.className = 'code';
        code.textContent = issued.code;
        li.appendChild(code);
        li.appendChild(document.createTextNode(' (expires ' + time(issued.expiresDateTime) + ')'));
        return li;
    }

    function generateCode(mac) {
        postJson(API + '/devices/' + compact(mac) + '/verificationCode', null, function (status, json, xhr) {
            if (status !== 200) {
                failed('Generate verification code')(status, json, xhr);
                return;
            }
            refresh();
            say('ok', 'Verification code for ' + json.macAddress + '; give it to the technician.', [codeLine(json)]);
        });
    }

    function generateAll() {
        postJson(API + '/verificationCodes', null, function (status, json, xhr) {
            if (status !== 200) {
                failed('Generate verification codes')(status, json, xhr);
                return;
            }
            var lines = [];
            for (var i = 0; i < json.length; i++) {
                lines.push(codeLine(json[i]));
            }
            refresh();
            say('ok', json.length + ' verification code(s) generated', lines);
        });
    }

    function remove(mac) {
        call('DELETE', API + '/devices/' + compact(mac), null, null, function (status, json, xhr) {
            if (status !== 204) {
                failed('Delete ' + mac)(status, json, xhr);
                return;
            }
            refresh();
            say('ok', 'Deleted ' + mac);
        });
    }

    function remoteSignIn(mac) {
        say('info', 'Asking ' + mac + ' to start signing in…');
        postJson(API + '/devices/' + compact(mac) + '/signIn', null, function (status, json, xhr) {
            if (status !== 200) {
                failed('Remote sign-in of ' + mac)(status, json, xhr);
                return;
            }
            var li = item('', 'signInCode', mac);
            li.appendChild(document.createTextNode('Enter '));
            var code = document.createElement('span');
            code.className = 'code';
            code.textContent = json.userCode;
            li.appendChild(code);
            li.appendChild(document.createTextNode(' at '));
            var link = document.createElement('a');
            link.href = json.verificationUri;
            link.target = '_blank';
            link.rel = 'noopener';
            link.textContent = json.verificationUri;
            li.appendChild(link);
            li.appendChild(document.createTextNode(' with a shared account before ' + time(json.expiresDateTime)));
            say('ok', mac + ' is waiting for its sign-in code to be entered.', [li]);
        });
    }

    function downloadTemplate() {
        call('GET', API + '/template', null, null, function (status, json, xhr) {
            if (status !== 200) {
                failed('Download template')(status, json, xhr);
                return;
            }
            var link = document.createElement('a');
            link.href = URL.createObjectURL(new Blob([xhr.responseText], {type: 'text/csv'}));
            link.download = 'Template_Provisioning.csv';
            document.body.appendChild(link);
            link.click();
            document.body.removeChild(link);
        });
    }

    function onSubmit(form, action) {
        $(form).onsubmit = function (event) {
            event.preventDefault();
            action();
            return false;
        };
    }

    function start() {
        onSubmit('tokenForm', function () {
            var typed = $('adminToken').value.replace(/^\s+|\s+$/g, '');
            $('adminToken').value = '';
            if (typed) {
                signIn(typed);
            }
        });
        onSubmit('addForm', addMac);
        onSubmit('uploadForm', upload);
        $('generateAll').onclick = generateAll;
        $('downloadTemplate').onclick = downloadTemplate;
        $('forgetToken').onclick = function () {
            signOut('');
        };
        $('tab-waitingOnActivation').onclick = function () {
            selectTab('waitingOnActivation');
        };
        $('tab-waitingForSignIn').onclick = function () {
            selectTab('waitingForSignIn');
        };
        var saved = sessionStorage.getItem(TOKEN_KEY);
        if (saved) {
            signIn(saved);
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
