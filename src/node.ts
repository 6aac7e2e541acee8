#!/usr/bin/env node
console.log('runnel: broker not implemented yet');
