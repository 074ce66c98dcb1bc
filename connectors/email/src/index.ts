/** The components of weft.email: the engine loads this module's default export. */
import { defineAuth } from '@weft/connector-kit';
import { explainSmtpError, nodemailer, Send, smtpOf } from './send.ts';

export { Send };
export default [Send];

/** Connecting the account: greet the SMTP server and log in (nodemailer's verify), without sending anything. */
export const auth = defineAuth({
  async test(account) {
    const smtp = smtpOf(account);
    const transport = (await nodemailer()).createTransport({
      host: smtp.host, port: smtp.port, secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: 15_000, greetingTimeout: 15_000,
    });
    try {
      await transport.verify();
    } catch (error) {
      throw explainSmtpError(error, smtp);
    } finally {
      transport.close();
    }
  },
});
