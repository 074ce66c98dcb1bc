/** @module Designer styles: React Flow's CSS and the designer's, as one string for `mountWidget` to inject into the shadow root. */
import reactFlowCss from '@xyflow/react/dist/style.css?inline';
import themeCss from './theme.css?inline';

export const designerStyles = `${reactFlowCss}\n${themeCss}`;
