/** @module Backoffice entry: renders the Backoffice into #backoffice with the ui-kit's base styles. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { baseStyles } from '@weft/ui-kit';
import { Backoffice } from './backoffice.tsx';
import './styles/backoffice.css';

// The kit's styles are written for a widget's shadow root; the Backoffice is a whole page, so they go in <head>.
const style = document.createElement('style');
style.textContent = baseStyles;
document.head.append(style);

const el = document.getElementById('backoffice');
if (el) createRoot(el).render(<StrictMode><Backoffice /></StrictMode>);
