/**
 * Local-account sign-in: password, then (when needed) the second factor (authenticator app code,
 * security key or passkey, or a recovery code) or its enrolment; or a passkey alone.
 */
import { useState } from 'react';
import { useSession } from '../../auth/session.js';
import type { LoginAnswer } from '../../auth/webauthn.js';
import { navigate } from '../../router.js';
import { EnrolmentStep } from './EnrolmentStep.js';
import { KeyEnrolmentStep } from './KeyEnrolmentStep.js';
import { PasskeySignIn } from './PasskeySignIn.js';
import { PasswordStep } from './PasswordStep.js';
import { SecondFactorStep } from './SecondFactorStep.js';

type Step = 'password' | 'code' | 'enrol' | 'enrolKey' | 'requiredKey';

/** The local sign-in steps; once signed in, the session is read again and the app goes to `returnTo`. */
export function LocalSignIn({ returnTo }: { returnTo: string }) {
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [factors, setFactors] = useState<LoginAnswer['factors']>([]);

  const signedIn = () => {
    void refresh().then(() => navigate(returnTo));
  };
  const next = (answer: LoginAnswer) => {
    if (answer.status === 'signed_in') signedIn();
    else if (answer.status === 'second_factor_required') {
      setFactors(answer.factors ?? ['totp']);
      setStep('code');
    } else if (answer.status === 'webauthn_enrolment_required') setStep('requiredKey');
    else setStep('enrol');
  };
  const restart = () => setStep('password');

  if (step === 'code')
    return <SecondFactorStep factors={factors ?? ['totp']} onDone={next} onRestart={restart} />;
  if (step === 'enrol')
    return <EnrolmentStep onSignedIn={signedIn} onRestart={restart} onUseKey={() => setStep('enrolKey')} />;
  if (step === 'enrolKey' || step === 'requiredKey')
    return <KeyEnrolmentStep required={step === 'requiredKey'} onSignedIn={signedIn} onRestart={restart} />;
  return (
    <>
      <PasswordStep email={email} onEmailChange={setEmail} onDone={next} />
      <PasskeySignIn onDone={next} />
    </>
  );
}
