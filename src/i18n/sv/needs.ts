/** Swedish strings for the needs feature. */
export const needs = {
  placeholder: '',
};
