/** Entry point: loads the styles, starts the translations, then renders the app into #root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startI18n } from './i18n.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/directory.css';
import './styles/city.css';
import './styles/forms.css';
import './styles/account.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

startI18n()
  .catch((error: unknown) => console.error('Translations could not be loaded; showing English', error))
  .finally(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
