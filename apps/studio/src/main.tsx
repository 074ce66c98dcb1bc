/** @module Studio entry: renders the Studio into #studio. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Studio } from './studio.tsx';
import './studio.css';

const el = document.getElementById('studio');
if (el) createRoot(el).render(<StrictMode><Studio /></StrictMode>);
