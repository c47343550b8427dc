/** Local-account sign-in: password, then (when needed) the second factor or its enrolment. */
import { useState } from 'react';
import { useSession } from '../../auth/session.js';
import { navigate } from '../../router.js';
import { EnrolmentStep } from './EnrolmentStep.js';
import { PasswordStep, type LoginStatus } from './PasswordStep.js';
import { SecondFactorStep } from './SecondFactorStep.js';

type Step = 'password' | 'code' | 'enrol';

/** The local sign-in steps; once signed in, the session is read again and the app goes to `returnTo`. */
export function LocalSignIn({ returnTo }: { returnTo: string }) {
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');

  const signedIn = () => {
    void refresh().then(() => navigate(returnTo));
  };
  const afterPassword = (status: LoginStatus) => {
    if (status === 'signed_in') signedIn();
    else setStep(status === 'second_factor_required' ? 'code' : 'enrol');
  };
  const restart = () => setStep('password');

  if (step === 'code') return <SecondFactorStep onSignedIn={signedIn} onRestart={restart} />;
  if (step === 'enrol') return <EnrolmentStep onSignedIn={signedIn} onRestart={restart} />;
  return <PasswordStep email={email} onEmailChange={setEmail} onDone={afterPassword} />;
}
