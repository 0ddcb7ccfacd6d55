/**
 * hls.js fragment loader that sends each segment request to its most recently signed URL
 * (signed-playlist.ts), so a re-signed recording keeps playing from the same buffer.
 */
import Hls, { type FragmentLoaderContext, type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration } from 'hls.js'
import { withoutQuery } from '@/utils/recordings/signed-playlist'

type FragmentLoaderClass = NonNullable<HlsConfig['fLoader']>

export function resigningLoader(fresh: () => ReadonlyMap<string, string>): FragmentLoaderClass {
  const Base = Hls.DefaultConfig.loader as unknown as new (config: HlsConfig) => Loader<FragmentLoaderContext>
  class ResigningLoader extends Base {
    load(context: FragmentLoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<FragmentLoaderContext>): void {
      const url = fresh().get(withoutQuery(context.url))
      if (url) context.url = url
      super.load(context, config, callbacks)
    }
  }
  return ResigningLoader as unknown as FragmentLoaderClass
}
