/** A component's stylesheet, imported for its effect: a lazily loaded component brings its own. */
declare module 'element-plus/es/components/*/style/css'
