import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initialLocale, loadLocale } from './i18n';
import './styles.css';

// The dictionary is loaded before the first paint, so nobody sees the console flip languages.
void loadLocale(initialLocale()).then(() => {
  createRoot(document.getElementById('root')!).render(<App />);
});
