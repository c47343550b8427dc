/** Our self-signed SP certificates: well-formed DER every time, carrying the key pair's public key. */
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { makeSelfSignedKeyPair } from '../../../../server/auth/saml/selfSignedCert.js';

describe('makeSelfSignedKeyPair', () => {
  it('makes parseable, self-verifying certificates for the key pair, valid for the days asked', () => {
    // Several pairs: random serials and key sizes must always encode as minimal DER.
    for (let i = 0; i < 8; i++) {
      const pair = makeSelfSignedKeyPair('Concordia SAML signing', 3650);
      const cert = new X509Certificate(pair.certificate);
      assert.equal(cert.subject, 'CN=Concordia SAML signing');
      assert.equal(cert.issuer, cert.subject);
      assert.ok(cert.verify(cert.publicKey));
      const publicOfPrivate = createPublicKey(createPrivateKey(pair.privateKey));
      assert.ok(cert.publicKey.equals(publicOfPrivate), 'the certificate carries our public key');
      const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
      assert.ok(days > 3649 && days < 3651, `valid for ${days} days`);
      assert.match(pair.privateKey, /^-----BEGIN PRIVATE KEY-----/);
    }
  });
});
