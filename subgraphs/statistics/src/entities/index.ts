export { CHANNELS, DossierFigure, entities } from './dossier-figure.ts';
