/** Any server speaking the generic task REST protocol (seed 001): settings, requests, status map. */
package io.taskbridge.connector.taskapi;
