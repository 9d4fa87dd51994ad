// Run by the Agents Toolkit's `script` action during provisioning (m365agents.yml). Prints `::set-teamsfx-env`
// lines, which the toolkit writes to env/.env.<environment> (names starting with SECRET_ go to the git-ignored,
// encrypted .env.<environment>.user). Secrets are generated once: a value already in the environment is kept, so a
// second provisioning neither rotates the link key (which would invalidate every link sent) nor the database password.
// Plain JavaScript with no dependencies: provisioning may run before `npm ci`.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const set = (name, value) => process.stdout.write(`::set-teamsfx-env ${name}=${value}\n`);

if (!process.env.SECRET_STARK_LINK_KEY) set('SECRET_STARK_LINK_KEY', randomBytes(32).toString('base64url'));
// Azure wants three of: upper case, lower case, digits, symbols. The prefix guarantees them whatever the random part.
if (!process.env.SECRET_POSTGRES_ADMIN_PASSWORD) set('SECRET_POSTGRES_ADMIN_PASSWORD', `Pg7-${randomBytes(24).toString('base64url')}`);
// The Teams app package's version follows package.json (appPackage/manifest.json reads ${{APP_VERSION}}).
set('APP_VERSION', JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
