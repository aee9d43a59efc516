// The seven payload shapes of the interop gate; jipc's Shapes.java holds the same values.
const CONTROLS = Array.from({length: 32}, (_, i) => String.fromCharCode(i)).join('');

export const SHAPES = [
    false,
    0,
    '',
    null,
    `Grüße, 世界 🌍👋🏽 \u2028\u2029 "quoted" back\\slash /slash \u007f ${CONTROLS} end`,
    [1, -1.5, 'two', true, false, null, {}, [], 1e21, 1e-7, 2 ** 53, 'é'],
    {b: 1, 10: 'ten', 2: ['two'], a: {1: 1, x: {0: null}, '-1': 'negative', '01': 'leading zero'},
        4294967295: 'not an index', 4294967294: 'largest index', '': 'empty key'},
];
