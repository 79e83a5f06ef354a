import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startStudio } from '../state/actions';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startStudio();
// Number formatting loads its locale data on first use (tens of milliseconds): do it while the page
// is idle, not in the middle of reading a file.
requestIdleCallback(() => (1234.5).toLocaleString('en-US'));
