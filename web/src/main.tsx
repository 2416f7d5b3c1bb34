import { render } from 'preact';
import { App } from './app.tsx';
import { takeTokenFromFragment } from './auth.ts';
import { COLORS } from './colors.ts';
import './styles.css';

// Before anything renders: the token must not stay in the address bar a moment longer than needed.
takeTokenFromFragment();
for (const [name, color] of Object.entries(COLORS))
  document.documentElement.style.setProperty(`--${name}`, color);
render(<App />, document.getElementById('app')!);
