/** @module Studio strings: the few words of the Studio's own chrome (the widgets bring theirs). */

const en = {
  'studio.title': 'Weft Studio',
  'studio.login': 'Log in',
  'studio.signup': 'Sign up',
  'studio.email': 'Email',
  'studio.password': 'Password',
  'studio.passwordHint': 'At least {min} characters, not a common password',
  'studio.toSignup': 'No account yet? Sign up',
  'studio.toLogin': 'Have an account? Log in',
  'studio.flows': 'Flows',
  'studio.logs': 'Logs',
  'studio.accounts': 'Accounts',
  'studio.integrations': 'Integrations',
  'studio.backoffice': 'Backoffice',
  'studio.logout': 'Log out',
  'studio.theme': 'Dark theme',
  'studio.nav': 'Main',
  'studio.back': '← All flows',
  'studio.flowLogs': 'Logs of this flow',
  'studio.openDesigner': 'Open in designer',
  'studio.error.auth.invalid_credentials': 'Wrong email or password.',
  'studio.error.user.exists': 'An account with this email exists: log in instead.',
  'studio.error.auth.weak_password': 'This password is too easy to guess; choose a longer, less common one.',
  'studio.error.auth.signup_closed': 'Sign-up is closed here; ask an administrator for an account.',
  'studio.error.auth.rate_limited': 'Too many failed attempts; wait a few minutes and try again.',
  'studio.error.auth.disabled': 'This account is disabled; ask an administrator.',
  'studio.error.network.failed': 'Cannot reach the Weft engine.',
  'studio.error.other': 'That did not work: {message}',
  'studio.busy': 'Please wait…',
} as const;

export type StudioKey = keyof typeof en;

const cs: Record<StudioKey, string> = {
  'studio.title': 'Weft Studio',
  'studio.login': 'Přihlásit se',
  'studio.signup': 'Registrovat se',
  'studio.email': 'E-mail',
  'studio.password': 'Heslo',
  'studio.passwordHint': 'Alespoň {min} znaků, žádné běžné heslo',
  'studio.toSignup': 'Nemáte účet? Zaregistrujte se',
  'studio.toLogin': 'Máte účet? Přihlaste se',
  'studio.flows': 'Toky',
  'studio.logs': 'Logy',
  'studio.accounts': 'Účty',
  'studio.integrations': 'Integrace',
  'studio.backoffice': 'Backoffice',
  'studio.logout': 'Odhlásit',
  'studio.theme': 'Tmavý motiv',
  'studio.nav': 'Hlavní',
  'studio.back': '← Všechny toky',
  'studio.flowLogs': 'Logy tohoto toku',
  'studio.openDesigner': 'Otevřít v návrháři',
  'studio.error.auth.invalid_credentials': 'Špatný e-mail nebo heslo.',
  'studio.error.user.exists': 'Účet s tímto e-mailem už existuje: přihlaste se.',
  'studio.error.auth.weak_password': 'Toto heslo se snadno uhodne; zvolte delší a méně běžné.',
  'studio.error.auth.signup_closed': 'Registrace je zde uzavřená; o účet požádejte administrátora.',
  'studio.error.auth.rate_limited': 'Příliš mnoho neúspěšných pokusů; počkejte pár minut a zkuste to znovu.',
  'studio.error.auth.disabled': 'Tento účet je zablokovaný; obraťte se na administrátora.',
  'studio.error.network.failed': 'Engine Weft není dostupný.',
  'studio.error.other': 'Nepodařilo se: {message}',
  'studio.busy': 'Čekejte…',
};

export const studioLocale = typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('cs') ? 'cs' : 'en';

export function t(key: StudioKey, params: Record<string, string> = {}): string {
  const text = (studioLocale === 'cs' ? cs : en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export function isStudioKey(key: string): key is StudioKey {
  return key in en;
}
