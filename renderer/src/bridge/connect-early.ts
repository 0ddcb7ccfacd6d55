/**
 * main.ts imports this first, so it runs before the rest of the app's code is evaluated:
 * the link to the host opens while the page is still busy starting, and the first calls
 * find it open instead of waiting for the handshake.
 */
import { useDesk } from './index'

useDesk()
