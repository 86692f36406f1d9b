import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyLogin, typed, codeSent, codeRefused } from '../../main/resources/public/js/state/login.js';
import { strings } from '../../main/resources/public/js/i18n.js';

const filled = typed(typed(emptyLogin, 'phone', '(650) 555-0101'), 'identifier', 'Smith');

test('a wrong code keeps phone and last name and says how many codes are left this hour', () => {
  const sent = codeSent(filled, { status: 'code_sent', resendAfterSeconds: 60, sentTo: '•••• •• 0101' });
  assert.equal(sent.sentTo, '•••• •• 0101');
  const { login, notice } = codeRefused(sent, { error: 'invalid_code', restart: true, codesLeft: 2 });
  assert.deepEqual(login, { phone: '(650) 555-0101', identifier: 'Smith', sentTo: '' });
  assert.equal(notice(strings('en')), 'That code did not match. You can get 2 more codes this hour: press “Send me a code”.');
  assert.equal(notice(strings('es')), 'Ese código no coincide. Puede recibir 2 códigos más esta hora: pulse «Enviarme un código».');
  assert.equal(codeRefused(sent, { codesLeft: 1 }).notice(strings('en')),
    'That code did not match. You can get 1 more code this hour: press “Send me a code”.');
  assert.match(codeRefused(sent, { codesLeft: 0 }).notice(strings('en')), /^That code did not match\. No more codes can be sent this hour/);
  assert.match(codeRefused(sent, { codesLeft: 0 }).notice(strings('es')), /^Ese código no coincide\. No se pueden enviar más códigos/);
});

test('a refusal without a count (the login was gone) still keeps what was typed', () => {
  const { login, notice } = codeRefused(filled, { error: 'invalid_code', restart: true });
  assert.equal(login.phone, '(650) 555-0101');
  assert.equal(notice(strings('en')), strings('en').codeFailed);
  assert.equal(codeRefused(filled, { codesLeft: -1 }).notice(strings('en')), strings('en').codeFailed);
});

test('the code screen names the number only as the server masked it', () => {
  assert.equal(codeSent(filled, { status: 'code_sent' }).sentTo, '');
  assert.equal(strings('en').codeSentTo('•••• •• 0101'),
    'We sent a 6-digit code by text message to •••• •• 0101. It expires in 10 minutes.');
  assert.equal(strings('es').codeSentTo('•••• •• 0101'),
    'Le enviamos un código de 6 dígitos por SMS al •••• •• 0101. Caduca en 10 minutos.');
  assert.equal(strings('en').codeSentTo(strings('en').numberEndingIn('0101')),
    'We sent a 6-digit code by text message to the number ending in 0101. It expires in 10 minutes.');
  assert.equal(strings('es').codeSentTo(strings('es').numberEndingIn('0101')),
    'Le enviamos un código de 6 dígitos por SMS al número que termina en 0101. Caduca en 10 minutos.');
});
