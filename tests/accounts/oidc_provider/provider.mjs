// A real OpenID Connect provider (the npm package oidc-provider) for the accounts' tests,
// on loopback: node provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
// Its sign-in page takes any login as the account id and any password (oidc-provider's
// development interactions). The one account it knows is synthetic test data.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);

// synthetic: no real person or organisation
const PEOPLE = {
  testdocent: {
    email: 'testdocent@example.org',
    email_verified: true,
    name: 'Test Docent',
    schac_home_organization: 'example.org',
  },
};

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'schac_home_organization'],
  },
  async findAccount(_ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
  cookies: { keys: ['verbindplaats-test-provider'] },
  features: { devInteractions: { enabled: true } },
};

const provider = new Provider(`http://127.0.0.1:${port}`, configuration);
provider.listen(Number(port), '127.0.0.1', () => console.log(`listening on ${port}`));
